import { loadConfig } from '@retaille/config';
import type { DatabaseHandle } from '@retaille/db';
import { createTestDatabase } from '@retaille/db/testing';
import { createServices, type Services } from '../services.ts';

/** Services over a fresh, migrated test database (see @retaille/db/testing). */
export async function createTestServices(
  overrides: Record<string, string> = {},
): Promise<Services & { database: DatabaseHandle }> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
  return createServices({ config, database });
}
