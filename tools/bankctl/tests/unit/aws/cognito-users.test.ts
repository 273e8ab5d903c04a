import { generatePassword } from '../../../src/aws/cognito-users';

describe('generatePassword', () => {
  it('has every character class a pool policy can require, and differs each time', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const p of passwords) {
      expect(p).toHaveLength(20);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[-_.]/);
    }
    expect(new Set(passwords).size).toBe(50);
  });
});
