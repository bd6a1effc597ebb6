import { type TSchema, Type } from 'typebox';

/** `T | null`: the wire format writes absent values as explicit nulls, never omits them. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An RFC 3339 timestamp as Kubernetes writes it (`2026-12-03T16:22:07Z`). */
export const Timestamp = Type.String({ description: 'RFC 3339 timestamp' });

/** `{ "cpu": "250m", "memory": "256Mi" }`: Kubernetes quantities as strings, keyed by resource name. */
export const QuantityMapSchema = Type.Record(Type.String(), Type.String());

/** Labels and similar string maps. */
export const StringMapSchema = Type.Record(Type.String(), Type.String());
