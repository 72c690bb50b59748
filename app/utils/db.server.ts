import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "#app/generated/prisma/client.ts";

declare const inTransaction: unique symbol;

/**
 * The client inside an interactive transaction, as the app's `prisma.$transaction` hands it to
 * its callback. The plain client is not one (it lacks the brand), so a function that takes a Tx
 * (recordAudit above all) cannot be called outside a transaction: the type-checker refuses.
 */
export type Tx = Prisma.TransactionClient & { readonly [inTransaction]: true };

type TransactionOptions = {
  maxWait?: number;
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
};

/** The app's client: Prisma's, whose interactive transactions hand their callback a Tx. */
export type Db = Omit<PrismaClient, "$transaction"> & {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: TransactionOptions): Promise<R>;
  $transaction<P extends Prisma.PrismaPromise<unknown>[]>(
    queries: [...P],
    options?: { isolationLevel?: Prisma.TransactionIsolationLevel },
  ): Promise<{ [K in keyof P]: Awaited<P[K]> }>;
};

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
}) as unknown as Db;

export async function disconnectPrisma() {
  if (client) {
    const current = client;
    client = undefined;
    await current.$disconnect();
  }
}

/** Either client, for functions that only read: inside a transaction or not. */
export type Reader = Db | Tx;
