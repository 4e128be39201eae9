import { serializeReply, sharedAnswer } from './shared-answers';

describe('shared answers', () => {
  it('serializes an unmarked answer every time', () => {
    const answer = { n: 1 };
    expect(serializeReply(answer)).toBe('{"n":1}');
    answer.n = 2;
    expect(serializeReply(answer)).toBe('{"n":2}');
  });

  it('keeps the JSON of a shared answer after its first serialization', () => {
    const answer = sharedAnswer({ n: 1 });
    expect(serializeReply(answer)).toBe('{"n":1}');
    answer.n = 2; // shared answers are never changed; this shows the JSON is not made again
    expect(serializeReply(answer)).toBe('{"n":1}');
    expect(sharedAnswer(answer)).toBe(answer);
    expect(serializeReply(answer)).toBe('{"n":1}');
  });

  it('serializes what is not an object as JSON', () => {
    expect(serializeReply('a')).toBe('"a"');
    expect(serializeReply(null)).toBe('null');
  });
});
