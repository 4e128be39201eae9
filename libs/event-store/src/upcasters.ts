import { Injectable } from '@nestjs/common';

/** Turns the data of `type` at `fromSchemaVersion` into the data of `fromSchemaVersion + 1`. */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  upcast(data: unknown): unknown;
}

/** Applied on every read, so stored events are never rewritten. */
@Injectable()
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  register(...upcasters: Upcaster[]): void {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromSchemaVersion}`;
      if (this.byKey.has(key)) throw new Error(`Upcaster ${key} is registered twice`);
      this.byKey.set(key, upcaster);
    }
  }

  upcast(
    type: string,
    schemaVersion: number,
    data: unknown,
  ): { schemaVersion: number; data: unknown } {
    let version = schemaVersion;
    let current = data;
    for (;;) {
      const upcaster = this.byKey.get(`${type}@${version}`);
      if (!upcaster) return { schemaVersion: version, data: current };
      current = upcaster.upcast(current);
      version += 1;
    }
  }
}
