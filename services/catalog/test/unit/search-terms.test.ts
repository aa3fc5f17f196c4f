import { MAX_PREFIX_LENGTH, nameMatches, planSearch, searchTerms, searchText, searchWords } from '@estore/core/catalog';

describe('search terms derived from a product name', () => {
  it('indexes every prefix of every word, lower-cased, so "quan" finds "Zebra Quantum Lamp"', () => {
    const terms = searchTerms('Zebra Quantum Lamp');
    expect(terms).toEqual(expect.arrayContaining(['z', 'ze', 'zebra', 'q', 'quan', 'quantum', 'l', 'lamp']));
    expect(terms).not.toContain('ebra');
    expect(terms).not.toContain('zebra quantum');
  });

  it('lists each prefix once even when words share it', () => {
    const terms = searchTerms('Lamp lamp LAMPS');
    expect(terms.filter((t) => t === 'lamp')).toHaveLength(1);
    expect(terms).toEqual(['l', 'la', 'lam', 'lamp', 'lamps']);
  });

  it('folds accents and splits on punctuation', () => {
    expect(searchWords('Crème-Brûlée (Deluxe) 2-pack')).toEqual(['creme', 'brulee', 'deluxe', '2', 'pack']);
  });

  it(`stops indexing a word after ${MAX_PREFIX_LENGTH} characters`, () => {
    const terms = searchTerms('Internationalization');
    expect(terms).toContain('internatio');
    expect(terms).not.toContain('internation');
    expect(terms).toHaveLength(MAX_PREFIX_LENGTH);
  });

  it('keeps a searchable text with a leading space so word starts are substrings', () => {
    expect(searchText('Zebra Quantum Lamp')).toBe(' zebra quantum lamp');
  });
});

describe('planning a search', () => {
  it('queries the longest word and filters on the others', () => {
    expect(planSearch('Quan zeb')).toEqual({ prefix: 'quan', filters: ['zeb'] });
  });

  it('queries the indexed prefix of a long word and filters on the whole word', () => {
    expect(planSearch('internationali')).toEqual({ prefix: 'internatio', filters: ['internationali'] });
  });

  it('needs no filter for one short word', () => {
    expect(planSearch('  QUAN ')).toEqual({ prefix: 'quan', filters: [] });
  });

  it('has nothing to search for without a letter or digit', () => {
    expect(planSearch('--- !!')).toBeUndefined();
  });
});

describe('whether a name matches a search', () => {
  it('needs every search word to start a word of the name', () => {
    expect(nameMatches('Zebra Quantum Lamp', 'quan')).toBe(true);
    expect(nameMatches('Zebra Quantum Lamp', 'LAMP zeb')).toBe(true);
    expect(nameMatches('Zebra Quantum Lamp', 'uant')).toBe(false);
    expect(nameMatches('Zebra Quantum Lamp', 'zebra desk')).toBe(false);
    expect(nameMatches('Internationalization Handbook', 'internationaliz')).toBe(true);
  });
});
