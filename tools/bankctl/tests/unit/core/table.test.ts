import { renderTable } from '../../../src/core/table';

describe('renderTable', () => {
  it('pads columns to the widest cell', () => {
    expect(renderTable(['A', 'BB'], [['xxx', 'y']])).toBe('A    BB\nxxx  y');
  });

  it('cuts cells longer than the maximum width and flattens whitespace', () => {
    expect(renderTable(['C'], [['abc\ndefgh']], 5)).toBe('C\nabc …');
  });
});
