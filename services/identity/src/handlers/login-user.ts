import { httpHandler, ok } from '@estore/core/http';
import { loginSchema } from '../domain/validation';
import type { SignIn } from '../sign-in';
import { loginUserDependencies } from '../wiring';

export interface LoginUserDependencies {
  signIn: Pick<SignIn, 'login'>;
}

/** `POST /login`: by username or email; the tokens go in cookies, never in the body. */
export function loginUser({ signIn }: LoginUserDependencies) {
  return httpHandler({ access: 'public', body: loginSchema }, async ({ body }) => {
    const { user, cookies } = await signIn.login(body);
    return ok({ user }, { cookies });
  });
}

export const handler = loginUser(loginUserDependencies());
