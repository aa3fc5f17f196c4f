import { ifMatchAllows, parseIfMatch, productETag } from '@estore/core/catalog';

describe('product entity tags', () => {
  it('formats a strong quoted tag from the version', () => {
    expect(productETag(7)).toBe('"v7"');
  });

  it('reads back the tags it issued, alone or in a list', () => {
    expect(parseIfMatch(productETag(7))).toEqual({ any: false, versions: [7] });
    expect(parseIfMatch(' "v3" ,"v12"')).toEqual({ any: false, versions: [3, 12] });
  });

  it('treats * as any existing product and an absent header as no precondition', () => {
    expect(parseIfMatch('*')).toEqual({ any: true });
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['', 'v7', '"v7', '7', '"v0"', '"v07"', '"x7"', '"v7" garbage', '"v7" "v8"', '*, "v7"'])(
    'matches nothing for the malformed or foreign %j',
    (header) => {
      expect(parseIfMatch(header)).toEqual({ any: false, versions: [] });
    },
  );

  it('never matches a weak tag (If-Match compares strongly)', () => {
    expect(parseIfMatch('W/"v7"')).toEqual({ any: false, versions: [] });
    expect(parseIfMatch('W/"v7", "v8"')).toEqual({ any: false, versions: [8] });
  });

  it('allows a version that is listed, or any version for *', () => {
    expect(ifMatchAllows({ any: false, versions: [3, 7] }, 7)).toBe(true);
    expect(ifMatchAllows({ any: false, versions: [3] }, 7)).toBe(false);
    expect(ifMatchAllows({ any: false, versions: [] }, 1)).toBe(false);
    expect(ifMatchAllows({ any: true }, 42)).toBe(true);
  });
});
