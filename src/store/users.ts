import type { Selectable } from 'kysely';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../keys/passwords.js';
import type { UsersTable } from './schema.js';
import type { Store } from './store.js';

export const USER_ROLES = ['reviewer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const isUserRole = (r: string): r is UserRole => (USER_ROLES as readonly string[]).includes(r);

/** Lower-case letters, digits and `. _ @ -`, starting with a letter or digit (e-mail addresses fit). */
export const USERNAME = /^[a-z0-9][\w.@-]{0,63}$/;
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

export interface User {
  readonly id: number;
  readonly username: string;
  readonly role: UserRole;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly disabledAt: number | null;
}

/** A user as sign-in needs it: with the password hash to check against. */
export interface StoredUser extends User {
  readonly passwordHash: string;
}

export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  readonly code = 'INVALID_USER_INPUT';
}

export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';
  readonly code = 'USERNAME_TAKEN';
  constructor(readonly username: string) {
    super(`the username "${username}" is already taken (usernames are unique even once disabled)`);
  }
}

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  username: r.username,
  role: isUserRole(r.role) ? r.role : 'reviewer',
  createdBy: r.created_by,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});

export interface NewUser {
  readonly username: string;
  readonly role: string;
  readonly password: string;
}

/** Why `input` cannot make an account, or undefined when it can. */
export function userInputProblem(input: NewUser): string | undefined {
  if (!USERNAME.test(normalizeUsername(input.username))) return 'a username is 1 to 64 letters, digits or . _ @ -, starting with a letter or digit';
  if (!isUserRole(input.role)) return `the role must be one of ${USER_ROLES.join(', ')}`;
  if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > PASSWORD_MAX_LENGTH) return `a password is ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`;
  return undefined;
}

/** Creates an account; the password is kept as an argon2id hash only, and never audited. */
export async function createUser(store: Store, input: NewUser, now: number, actor: string): Promise<User> {
  const problem = userInputProblem(input);
  if (problem !== undefined) throw new UserInputError(problem);
  const username = normalizeUsername(input.username);
  const passwordHash = await hashPassword(input.password);
  return store.transaction('creating a user', async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({ username, role: input.role, password_hash: passwordHash, created_by: actor, created_at: now, disabled_at: null })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new UsernameTakenError(username);
    await store.audit(trx, now, [{ actor, action: 'user.created', subjectType: 'user', subjectId: String(row.id), details: { username, role: row.role } }]);
    return toUser(row);
  });
}

export async function listUsers(store: Store): Promise<User[]> {
  const rows = await store.db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map(toUser);
}

export async function findUserByName(store: Store, username: string): Promise<StoredUser | undefined> {
  const row = await store.db.selectFrom('users').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst();
  return row === undefined ? undefined : { ...toUser(row), passwordHash: row.password_hash };
}

export async function findUser(store: Store, id: number): Promise<User | undefined> {
  const row = await store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/**
 * Disables an account for good and ends its sessions, in one transaction; undefined when no
 * active user matches.
 */
export async function disableUser(store: Store, which: { readonly id: number } | { readonly username: string }, now: number, actor: string): Promise<User | undefined> {
  return store.transaction('disabling a user', async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ disabled_at: now })
      .where((eb) => ('id' in which ? eb('id', '=', which.id) : eb('username', '=', normalizeUsername(which.username))))
      .where('disabled_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const ended = await trx.deleteFrom('sessions').where('principal_kind', '=', 'user').where('principal_id', '=', String(row.id)).executeTakeFirst();
    await store.audit(trx, now, [{ actor, action: 'user.disabled', subjectType: 'user', subjectId: String(row.id), details: { username: row.username, sessionsEnded: Number(ended.numDeletedRows) } }]);
    return toUser(row);
  });
}
