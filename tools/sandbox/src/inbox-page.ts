import type { CapturedMessage } from './captured-message';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * The inbox at `/`, newest first. Everything is rendered here and escaped; the inline script only
 * polls `/api/messages` and reloads when the newest message or the count changes.
 */
export function renderInboxPage(messages: readonly CapturedMessage[]): string {
  const fingerprint = `${messages.length}:${messages[0]?.id ?? ''}:${messages.reduce((n, m) => n + (m.callbacks?.length ?? 0), 0)}`;
  const rows = messages.map(renderRow).join('\n');
  const empty = messages.length === 0 ? '<p class="empty">No messages yet. Send one through a plugin.</p>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Provider sandbox inbox (${messages.length})</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.body { white-space: pre-wrap; max-width: 40rem; }
.tag { font-size: .8rem; padding: .1rem .4rem; border-radius: .3rem; background: #eef; }
.empty { color: #777; }
</style>
</head>
<body data-fingerprint="${escapeHtml(fingerprint)}">
<h1>Provider sandbox inbox</h1>
<p>${messages.length} message(s), newest first. JSON at <a href="/api/messages">/api/messages</a>.</p>
${empty}
<table>
<thead><tr><th>Time</th><th>Provider</th><th>Channel</th><th>To</th><th>From</th><th>Subject / title</th><th>Body</th><th>Outcome</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>
(function () {
  var current = document.body.getAttribute('data-fingerprint');
  setInterval(function () {
    fetch('/api/messages').then(function (r) { return r.json(); }).then(function (data) {
      var list = data.messages || [];
      var next = list.length + ':' + (list[0] ? list[0].id : '') + ':' + list.reduce(function (n, m) { return n + (m.callbacks ? m.callbacks.length : 0); }, 0);
      if (next !== current) location.reload();
    }).catch(function () {});
  }, 1000);
})();
</script>
</body>
</html>
`;
}

function renderRow(m: CapturedMessage): string {
  const body = m.contentSid ? `${m.body}${m.body ? '\n' : ''}[template ${m.contentSid} ${JSON.stringify(m.contentVariables ?? {})}]` : m.body;
  return `<tr><td>${escapeHtml(m.receivedAt)}</td><td><span class="tag">${escapeHtml(m.provider)}</span></td><td><span class="tag">${escapeHtml(m.channel)}</span></td><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.from)}</td><td>${escapeHtml(m.subject ?? m.title ?? '')}</td><td class="body">${escapeHtml(body)}</td><td>${escapeHtml(outcomeOf(m))}</td></tr>`;
}

/** The outcome reported back and what the API answered to each callback: `delivered (sent 204, delivered 503, delivered retry 1 204)`. */
function outcomeOf(m: CapturedMessage): string {
  if (m.outcome === undefined) return '';
  const calls = (m.callbacks ?? []).map((c) => `${c.status}${c.retry ? ` retry ${c.retry}` : ''} ${c.httpStatus ?? c.error ?? '…'}`);
  return calls.length > 0 ? `${m.outcome} (${calls.join(', ')})` : m.outcome;
}
