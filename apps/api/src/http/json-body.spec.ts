import { illFormedText, nestsDeeperThan } from './json-body';

describe('JSON body guards', () => {
  it('tells the nesting depth of JSON text without parsing it', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[\\"]]]]"}', 1)).toBe(false);
    expect(nestsDeeperThan('[{}, {}, [], []]', 2)).toBe(false);
  });

  it('finds the path of text that is not well-formed Unicode', () => {
    expect(illFormedText({ name: 'Ánh 😀', list: ['ok'] })).toBeUndefined();
    expect(illFormedText({ passengers: [{ fullName: 'a\ud800b' }] })).toBe(
      'passengers[0].fullName',
    );
    expect(illFormedText({ contact: { email: '\udc00' } })).toBe('contact.email');
  });
});
