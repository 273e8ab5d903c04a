/**
 * A config URL outside the local stack must be the provider's own, over https: this is the problem
 * to report when it is not (or undefined). Plugins call it from `productionProblems`.
 *
 * @example
 * productionProblems: (config) => [requireProviderUrl('baseUrl', config.baseUrl, ['api.sendgrid.com'])].filter((p) => p !== undefined)
 */
export function requireProviderUrl(field: string, value: string, hosts: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${field} is not a URL`;
  }
  if (url.protocol !== 'https:' || !hosts.includes(url.host)) return `${field} must be https on ${hosts.join(' or ')}`;
  return undefined;
}
