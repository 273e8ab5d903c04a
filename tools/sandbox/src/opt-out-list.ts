import { normalizeAddress } from './address';

/** Recipients who replied STOP: Twilio refuses to message them (error 21610), on SMS and WhatsApp alike. */
export class OptOutList {
  private readonly numbers = new Set<string>();

  add(to: string): void {
    this.numbers.add(normalizeAddress(to));
  }

  has(to: string): boolean {
    return this.numbers.has(normalizeAddress(to));
  }

  list(): string[] {
    return [...this.numbers];
  }

  clear(): void {
    this.numbers.clear();
  }
}
