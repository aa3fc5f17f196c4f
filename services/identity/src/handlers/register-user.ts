import { created, httpHandler } from '@estore/core/http';
import { registerSchema } from '../domain/validation';
import type { Registration } from '../registration';
import { registerUserDependencies } from '../wiring';

export interface RegisterUserDependencies {
  registration: Pick<Registration, 'register'>;
  /** The stage's password policy, which cognito-local does not enforce: the schema does. */
  passwordMinLength: number;
}

/** `POST /register`: creates the user and signs them in; the tokens go in cookies, never in the body. */
export function registerUser({ registration, passwordMinLength }: RegisterUserDependencies) {
  return httpHandler({ access: 'public', body: registerSchema(passwordMinLength) }, async ({ body, sourceIp }) => {
    const { user, cookies } = await registration.register(body, { sourceIp });
    return created({ user }, { cookies });
  });
}

export const handler = registerUser(registerUserDependencies());
