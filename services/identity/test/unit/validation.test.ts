import { validate } from '@estore/core/http';
import { loginSchema, registerSchema, verifySchema } from '../../src/domain/validation';

const valid = { username: 'jane.doe_1', email: 'Jane@Example.com', password: '123456', gender: 'female' };
const register = registerSchema(6);

function fieldsRejected(body: unknown): string[] {
  try {
    validate(register, body, 'body');
    return [];
  } catch (error) {
    return (error as { details: Array<{ field: string }> }).details.map((d) => d.field);
  }
}

describe('registration input', () => {
  it('accepts a valid registration and normalises the email to lower case', () => {
    expect(validate(register, valid, 'body')).toEqual({ ...valid, email: 'jane@example.com' });
  });

  it.each([['ab'], ['a'.repeat(33)], ['jane doe'], ['jane+doe'], ['jane@example.com'], ['']])(
    'refuses the username %p',
    (username) => {
      expect(fieldsRejected({ ...valid, username })).toEqual(['username']);
    },
  );

  it('accepts usernames of exactly 3 and 32 characters of the allowed set', () => {
    expect(fieldsRejected({ ...valid, username: 'a.-' })).toEqual([]);
    expect(fieldsRejected({ ...valid, username: 'a'.repeat(32) })).toEqual([]);
  });

  it('refuses a password shorter than the configured minimum, which cognito-local would not', () => {
    expect(fieldsRejected({ ...valid, password: '12345' })).toEqual(['password']);
    expect(fieldsRejected({ ...valid, password: '123456' })).toEqual([]);
    expect(() => validate(registerSchema(8), { ...valid, password: '1234567' }, 'body')).toThrow();
  });

  it.each([[' secret1'], ['secret1 '], ['\tsecret1']])(
    'refuses the password %p as Cognito’s pattern would, with a 400 on password',
    (password) => {
      expect(fieldsRejected({ ...valid, password })).toEqual(['password']);
    },
  );

  it('accepts inner spaces in a password', () => {
    expect(fieldsRejected({ ...valid, password: 'correct horse' })).toEqual([]);
  });

  it('normalizes an email to NFC with its domain and local part lower-cased, so composed and decomposed forms are one', () => {
    const composed = validate(register, { ...valid, email: 'Jos\u00e9@Example.COM' }, 'body').email;
    const decomposed = validate(register, { ...valid, email: 'JOSE\u0301@example.com' }, 'body').email;
    expect(composed).toBe('jos\u00e9@example.com');
    expect(decomposed).toBe(composed);
  });

  it.each([['jane@example.com'], ["o'brien+tag@mail.example.co"], ['José@例え.jp'], ['a@b.c1']])(
    'accepts the email %p',
    (email) => {
      expect(fieldsRejected({ ...valid, email })).toEqual([]);
    },
  );

  it.each([
    ['a@b'],
    ['a..b@example.com'],
    ['.a@example.com'],
    ['a b@example.com'],
    ['a@b@example.com'],
    ['a@-b.com'],
    ['a@b.1'],
    ['x'.repeat(65) + '@example.com'],
    [''],
  ])('refuses the malformed email %p, naming the field', (email) => {
    expect(() => validate(register, { ...valid, email }, 'body')).toThrow(
      expect.objectContaining({ details: [{ field: 'email', message: 'email must be a valid email address' }] }),
    );
  });

  it('refuses a gender outside male, female, other and a malformed email', () => {
    expect(fieldsRejected({ ...valid, gender: 'x', email: 'not-an-email' }).sort()).toEqual(['email', 'gender']);
  });

  it('names every missing field at once', () => {
    expect(fieldsRejected({}).sort()).toEqual(['email', 'gender', 'password', 'username']);
  });

  it('refuses unknown fields', () => {
    expect(fieldsRejected({ ...valid, admin: true })).toEqual(['admin']);
  });
});

describe('login input', () => {
  it('takes a username or an email as identity, lower-cased', () => {
    expect(validate(loginSchema, { identity: ' Jane@Example.com ', password: 'x' }, 'body').identity).toBe(
      'jane@example.com',
    );
  });

  it('needs both identity and password', () => {
    expect(() => validate(loginSchema, { identity: 'jane' }, 'body')).toThrow();
  });
});

describe('verify input', () => {
  it('treats an absent body as a request for a code', () => {
    expect(validate(verifySchema, undefined, 'body')).toEqual({});
  });

  it('accepts a 6-digit code and refuses anything else', () => {
    expect(validate(verifySchema, { code: '012345' }, 'body')).toEqual({ code: '012345' });
    expect(() => validate(verifySchema, { code: '12345' }, 'body')).toThrow();
    expect(() => validate(verifySchema, { code: 'abcdef' }, 'body')).toThrow();
  });
});
