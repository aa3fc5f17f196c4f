import {
  MAX_WRITE_ATTEMPTS,
  ProductChangedError,
  type ProductChanges,
  type ProductRecord,
  ProductUpdates,
  parseIfMatch,
} from '@estore/core/catalog';
import { ConflictError, PreconditionFailedError } from '@estore/core/errors';
import { productRecord } from './fakes';

/** A repository whose writes lose the race `losses` times (with `reason`) before one lands. */
function racingRepository(losses: number, reason: ProductChangedError['reason'] = 'collided') {
  let lost = 0;
  const current = productRecord({ id: 'p1', stock: 10, version: 4 });
  const repository = {
    edit: jest.fn(async (id: string, change: (current: ProductRecord) => ProductChanges) => {
      const changes = change(current);
      if (lost < losses) {
        lost += 1;
        throw new ProductChangedError(id, reason);
      }
      return { ...current, ...changes, version: current.version + 1 };
    }),
    delete: jest.fn(async (id: string) => {
      if (lost < losses) {
        lost += 1;
        throw new ProductChangedError(id, reason);
      }
      return current;
    }),
  };
  return repository;
}

// The backoff between attempts is random up to a ceiling: no pause at all keeps these tests fast.
beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));
afterEach(() => jest.restoreAllMocks());

describe('product edits that lose a race', () => {
  it('reads again and retries an edit without If-Match, computing the change from the fresh read', async () => {
    const repository = racingRepository(3, 'version-moved');
    const updated = await new ProductUpdates(repository).update('p1', { stockAdjustment: -2 });
    expect(updated).toMatchObject({ stock: 8, version: 5 });
    expect(repository.edit).toHaveBeenCalledTimes(4);
  });

  it('refuses (412), never retries, when the version an If-Match named moved before the write', async () => {
    const repository = racingRepository(1, 'version-moved');
    const error = await new ProductUpdates(repository)
      .update('p1', { stock: 3 }, { ifMatch: parseIfMatch('"v4"') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(repository.edit).toHaveBeenCalledTimes(1);
  });

  it('retries under If-Match: * and under a named tag after a mere collision', async () => {
    const any = racingRepository(1, 'version-moved');
    expect(await new ProductUpdates(any).update('p1', { stock: 3 }, { ifMatch: parseIfMatch('*') })).toMatchObject({
      stock: 3,
    });
    const named = racingRepository(2, 'collided');
    expect(await new ProductUpdates(named).update('p1', { stock: 3 }, { ifMatch: parseIfMatch('"v4"') })).toMatchObject(
      { stock: 3 },
    );
    expect(named.edit).toHaveBeenCalledTimes(3);
  });

  it('gives up with 409 EDIT_CONFLICT after the last attempt, for edits and deletes alike', async () => {
    const editing = racingRepository(Number.POSITIVE_INFINITY);
    const edit = await new ProductUpdates(editing).update('p1', { price: 5 }).catch((e: unknown) => e);
    expect(edit).toBeInstanceOf(ConflictError);
    expect(edit).toMatchObject({ status: 409, code: 'EDIT_CONFLICT' });
    expect(editing.edit).toHaveBeenCalledTimes(MAX_WRITE_ATTEMPTS);
    const deleting = racingRepository(Number.POSITIVE_INFINITY);
    await expect(new ProductUpdates(deleting).delete('p1')).rejects.toMatchObject({ code: 'EDIT_CONFLICT' });
    expect(deleting.delete).toHaveBeenCalledTimes(MAX_WRITE_ATTEMPTS);
  });

  it('retries a delete that lost a race, and passes any other failure through at once', async () => {
    const repository = racingRepository(2);
    expect(await new ProductUpdates(repository).delete('p1')).toMatchObject({ id: 'p1' });
    expect(repository.delete).toHaveBeenCalledTimes(3);
    const broken = { edit: jest.fn(), delete: jest.fn(async () => Promise.reject(new Error('DynamoDB is down'))) };
    await expect(new ProductUpdates(broken).delete('p1')).rejects.toThrow('DynamoDB is down');
    expect(broken.delete).toHaveBeenCalledTimes(1);
  });
});
