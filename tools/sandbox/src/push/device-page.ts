import { escapeHtml } from '../inbox-page';

/**
 * `GET /devices/{subscriptionId}`: what the browser holding that subscription would show, one
 * notification card per push (title, body, time), newest first. The script asks the sandbox API
 * for the subscription's pushes every second and draws them with text nodes only (never HTML
 * from a payload).
 */
export function renderDevicePage(subscription: { id: string; endpoint: string; gone: boolean }): string {
  const query = new URLSearchParams({ channel: 'push', to: subscription.endpoint }).toString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Device ${escapeHtml(subscription.id.slice(0, 8))}: push notifications</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #2b2d31; color: #eee; min-height: 100vh; }
header { padding: .8rem 1.2rem; font-size: .85rem; color: #aaa; }
#tray { display: flex; flex-direction: column; gap: .6rem; padding: 0 1.2rem 1.2rem; max-width: 24rem; margin-left: auto; }
.notification { background: #f7f7f8; color: #1b1b1f; border-radius: .6rem; padding: .7rem .9rem; box-shadow: 0 .2rem .8rem rgba(0,0,0,.35); }
.notification .app { font-size: .72rem; color: #666; display: flex; justify-content: space-between; }
.notification .title { font-weight: 600; margin-top: .2rem; }
.notification .body { margin-top: .15rem; white-space: pre-wrap; }
.empty { color: #aaa; }
</style>
</head>
<body data-subscription="${escapeHtml(subscription.id)}">
<header>Subscription ${escapeHtml(subscription.id)}${subscription.gone ? ' (unsubscribed)' : ''}: the notifications this browser received</header>
<main id="tray" aria-live="polite"><p class="empty">No notifications yet.</p></main>
<script>
(function () {
  var tray = document.getElementById('tray');
  var shown = '';
  function card(m) {
    var box = document.createElement('article');
    box.className = 'notification';
    var app = document.createElement('div');
    app.className = 'app';
    var name = document.createElement('span');
    name.textContent = 'Bank';
    var time = document.createElement('time');
    time.textContent = new Date(m.receivedAt).toLocaleTimeString();
    app.appendChild(name);
    app.appendChild(time);
    var title = document.createElement('div');
    title.className = 'title';
    title.textContent = m.title || '';
    var body = document.createElement('div');
    body.className = 'body';
    body.textContent = m.body;
    box.appendChild(app);
    box.appendChild(title);
    box.appendChild(body);
    return box;
  }
  function refresh() {
    fetch('/api/messages?${query}').then(function (r) { return r.json(); }).then(function (data) {
      var list = data.messages || [];
      var key = list.map(function (m) { return m.id; }).join(',');
      if (key === shown) return;
      shown = key;
      tray.textContent = '';
      if (list.length === 0) {
        var empty = document.createElement('p');
        empty.className = 'empty';
        empty.textContent = 'No notifications yet.';
        tray.appendChild(empty);
      }
      list.forEach(function (m) { tray.appendChild(card(m)); });
      document.title = list.length + ' notification(s)';
    }).catch(function () {});
  }
  refresh();
  setInterval(refresh, 1000);
})();
</script>
</body>
</html>
`;
}
