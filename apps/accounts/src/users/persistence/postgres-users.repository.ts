import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '@shop/contracts';
import { sql, managerOf, type Transaction } from '@shop/platform/persistence';
import { UsersRepository, type UserRecord } from '../application/users.repository';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: Role[];
  created_at: Date;
}

const COLUMNS = 'id, email, name, password_hash, roles, created_at';

@Injectable()
export class PostgresUsersRepository implements UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the user; null when the email is taken (one statement, no race). */
  async insert(
    user: { email: string; name: string; passwordHash: string; roles: Role[] },
    tx?: Transaction,
  ): Promise<UserRecord | null> {
    const rows: UserRow[] = await sql(
      tx ? managerOf(tx) : this.db,
      `INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [user.email, user.name, user.passwordHash, user.roles],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const rows: UserRow[] = await sql(this.db, `SELECT ${COLUMNS} FROM users WHERE email = $1`, [
      email,
    ]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const rows: UserRow[] = await sql(this.db, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async grantRole(email: string, role: Role): Promise<void> {
    await sql(
      this.db,
      `UPDATE users SET roles = array_append(roles, $2) WHERE email = $1 AND NOT ($2 = ANY (roles))`,
      [email, role],
    );
  }
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    roles: row.roles,
    createdAt: row.created_at,
  };
}
