// Minimal typing for the one js-yaml function the AsyncAPI test uses (@types/js-yaml is not installed).
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
