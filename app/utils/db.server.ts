import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "#app/generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

let client: PrismaClient | undefined;

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: 10 }),
    // Prisma's default of 5 s fails the first start's seeding, and any save, on a busy machine;
    // a slow save is better than a lost one. Row locks and version checks keep them correct.
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
}

function getClient(): PrismaClient {
  if (!client) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the database has not been started");
    client = createPrismaClient(url);
  }
  return client;
}

/**
 * The app's Prisma client, created on first use: the database (embedded or not) is started
 * before the first request, after this module is loaded.
 */
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = getClient();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export async function disconnectPrisma() {
  if (client) {
    const current = client;
    client = undefined;
    await current.$disconnect();
  }
}
