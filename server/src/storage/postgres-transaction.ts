import type pg from 'pg';

/** Runs `work` in one transaction on a pooled connection; `end` ROLLBACK is for dry runs. */
export async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>, end: 'COMMIT' | 'ROLLBACK' = 'COMMIT'): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query(end);
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than handed to the next caller.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
