import 'reflect-metadata';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe, RepeatedQuery } from './validation';
import { RequestValidationError } from './problem-details';

@RepeatedQuery()
class SearchQuery {
  @IsOptional() @IsString() origin?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const pipe = createValidationPipe();
const asQuery = (value: object) => pipe.transform(value, { type: 'query', metatype: SearchQuery });

describe('remembered query validation', () => {
  it('gives each caller its own validated copy of a query seen before', async () => {
    const first = (await asQuery({ origin: 'Hà Nội', limit: '20' })) as SearchQuery;
    const again = (await asQuery({ origin: 'Hà Nội', limit: '20' })) as SearchQuery;
    expect(again).toBeInstanceOf(SearchQuery);
    expect(again).toEqual({ origin: 'Hà Nội', limit: 20 });
    expect(again).not.toBe(first);
    first.limit = 99; // one caller's copy is its own
    expect(await asQuery({ origin: 'Hà Nội', limit: '20' })).toEqual({
      origin: 'Hà Nội',
      limit: 20,
    });
  });

  it('refuses a bad query every time, naming the field and the rule', async () => {
    for (let i = 0; i < 2; i++) {
      const refusal = await asQuery({ limit: '500' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RequestValidationError);
      expect((refusal as RequestValidationError).extensions?.errors).toEqual([
        expect.objectContaining({ field: 'limit', rule: 'max' }),
      ]);
    }
    const unknown = await asQuery({ nope: '1' }).catch((error: unknown) => error);
    expect((unknown as RequestValidationError).extensions?.errors).toEqual([
      expect.objectContaining({ field: 'nope', rule: 'unknownProperty' }),
    ]);
  });
});
