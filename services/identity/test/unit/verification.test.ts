import {
  codeMatches,
  decideSend,
  generateCode,
  hashCode,
  issueCode,
  precheckCode,
  recordExpiry,
  VERIFICATION_RULES as rules,
} from '../../src/domain/verification';

const T0 = 1_800_000_000;

describe('verification codes', () => {
  it('are six digits, zero-padded', () => {
    for (let i = 0; i < 200; i += 1) expect(generateCode()).toMatch(/^\d{6}$/);
  });

  it('are stored only as a salted hash: two issues of the same code never share a hash', () => {
    const first = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    const second = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(JSON.stringify(first)).not.toContain('123456');
    expect(first.codeHash).not.toBe(second.codeHash);
    expect(first.codeHash).toBe(hashCode('jane', '123456', first.salt!));
  });

  it('match only the code that was issued', () => {
    const record = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(codeMatches(record, '123456')).toBe(true);
    expect(codeMatches(record, '123457')).toBe(false);
    expect(codeMatches({ ...record, username: 'john' }, '123456')).toBe(false);
  });

  it('expire after 15 minutes', () => {
    const record = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(precheckCode(record, T0 + rules.codeLifetimeSeconds - 1)).toBe('open');
    expect(precheckCode(record, T0 + rules.codeLifetimeSeconds)).toBe('expired');
  });

  it('lock after five wrong attempts, even before they expire', () => {
    const record = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(precheckCode({ ...record, attempts: rules.maxWrongAttempts - 1 }, T0)).toBe('open');
    expect(precheckCode({ ...record, attempts: rules.maxWrongAttempts }, T0)).toBe('locked');
  });

  it('cannot be checked when none was sent or the last one was used', () => {
    const { codeHash: _hash, ...used } = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(precheckCode(undefined, T0)).toBe('none');
    expect(precheckCode(used, T0)).toBe('none');
  });

  it('start with no attempts spent, also when a locked code is replaced', () => {
    const locked = { ...issueCode('jane', 'jane@example.test', '111111', undefined, T0), attempts: 5 };
    expect(issueCode('jane', 'jane@example.test', '222222', locked, T0 + 120).attempts).toBe(0);
  });
});

describe('sending codes', () => {
  it('is allowed for a user who never asked', () => {
    expect(decideSend(undefined, T0)).toEqual({ allowed: true });
  });

  it('waits a minute between two emails', () => {
    const record = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(decideSend(record, T0 + 10)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(decideSend(record, T0 + 60)).toEqual({ allowed: true });
  });

  it('allows five emails an hour, then refuses until the window closes', () => {
    let record = issueCode('jane', 'jane@example.test', '000000', undefined, T0);
    for (let i = 1; i < rules.maxSendsPerWindow; i += 1) {
      const at = T0 + i * rules.resendCooldownSeconds;
      expect(decideSend(record, at).allowed).toBe(true);
      record = issueCode('jane', 'jane@example.test', '000000', record, at);
    }
    expect(record.sendsInWindow).toBe(5);
    const later = T0 + 10 * 60;
    expect(decideSend(record, later)).toEqual({ allowed: false, retryAfterSeconds: rules.sendWindowSeconds - 10 * 60 });
    expect(decideSend(record, T0 + rules.sendWindowSeconds)).toEqual({ allowed: true });
    expect(issueCode('jane', 'jane@example.test', '000000', record, T0 + rules.sendWindowSeconds)).toMatchObject({
      sendsInWindow: 1,
      windowStart: T0 + rules.sendWindowSeconds,
    });
  });

  it('keeps the record until both the code and the send window are over', () => {
    const record = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(recordExpiry(record)).toBe(T0 + rules.sendWindowSeconds);
    expect(recordExpiry({ ...record, expiresAt: T0 + 2 * rules.sendWindowSeconds })).toBe(
      T0 + 2 * rules.sendWindowSeconds,
    );
  });

  it('counts versions so concurrent sends can be told apart', () => {
    const first = issueCode('jane', 'jane@example.test', '123456', undefined, T0);
    expect(first.version).toBe(1);
    expect(issueCode('jane', 'jane@example.test', '123456', first, T0 + 60).version).toBe(2);
  });
});
