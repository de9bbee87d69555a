// The behaviour every Publisher shares (file, Graph): each implementation's test file calls publisherContract.
import { isErrorType } from '../../shared/typed-error';
import { describe, expect, test } from 'vitest';
import { PublishError } from '../../sync/publish/publish-error';
import type { Publisher } from '../../sync/publish/publisher';

export interface PublisherHarness {
  publisher: Publisher;
  /** The bytes now stored under `name`, or undefined when there is no such file. */
  read(name: string): Promise<Buffer | undefined>;
}

const workbookLike = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251));

export function publisherContract(label: string, harness: () => Promise<PublisherHarness>): void {
  describe(`${label} honours the publisher contract`, () => {
    test('stores exactly the given bytes and reports their count', async () => {
      const { publisher, read } = await harness();
      const content = workbookLike(70_000, 1);
      const result = await publisher.publish('Equity Desk master.xlsx', content);
      expect(result.bytes).toBe(content.byteLength);
      expect(result.location).toContain('Equity Desk master.xlsx');
      expect((await read('Equity Desk master.xlsx'))?.equals(content)).toBe(true);
    });

    test('replaces an existing file entirely, even with shorter content', async () => {
      const { publisher, read } = await harness();
      await publisher.publish('master.xlsx', workbookLike(50_000, 2));
      const second = workbookLike(1_000, 3);
      await publisher.publish('master.xlsx', second);
      expect((await read('master.xlsx'))?.equals(second)).toBe(true);
    });

    test('publishes exactly the bytes of a Uint8Array view into a larger buffer', async () => {
      const { publisher, read } = await harness();
      const whole = workbookLike(10_000, 4);
      const view = new Uint8Array(whole.buffer, whole.byteOffset + 1_000, 2_500);
      const result = await publisher.publish('view.xlsx', view);
      expect(result.bytes).toBe(2_500);
      expect((await read('view.xlsx'))?.equals(whole.subarray(1_000, 3_500))).toBe(true);
    });

    test('publishes an empty file', async () => {
      const { publisher, read } = await harness();
      await publisher.publish('empty.xlsx', new Uint8Array(0));
      expect((await read('empty.xlsx'))?.byteLength).toBe(0);
    });

    test('keeps names with spaces and accents', async () => {
      const { publisher, read } = await harness();
      const name = 'Équité — rapport 2026 (comité).xlsx';
      await publisher.publish(name, Buffer.from('accents'));
      expect((await read(name))?.toString()).toBe('accents');
    });

    test.each(['', '../escape.xlsx', 'a/b.xlsx', 'a\\b.xlsx', 'what?.xlsx', ' padded.xlsx', 'trailing.'])(
      'refuses the name %j with invalid-name and writes nothing',
      async (name) => {
        const { publisher, read } = await harness();
        const error = await publisher.publish(name, Buffer.from('x')).then(() => undefined, (e: unknown) => e);
        expect(isErrorType(error, PublishError) && error.code).toBe('invalid-name');
        if (name.length > 0) expect(await read(name.replace(/^.*[\\/]/, ''))).toBeUndefined();
      },
    );
  });
}
