import { type Static, Type } from 'typebox';

/** One component of the application: a service, a database, a queue, an external API... */
export const ComponentSchema = Type.Object(
  {
    /** Unique name; what other components list in `depends_on`. */
    name: Type.String({ minLength: 1 }),
    /** Free-form kind: service | database | cache | queue | external | ... */
    type: Type.String({ minLength: 1 }),
    /** Names of the components this one needs to work. */
    depends_on: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** The namespace its pods and Service live in; narrows pod and DNS matching. */
    namespace: Type.Optional(Type.String({ minLength: 1 })),
    /** Pod labels that identify its pods (all must match). */
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    /** Other names it is known by: Service names, workload names, short DNS names. */
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** Host names or IPs clients use to reach it, e.g. `cart-db.shop.svc.cluster.local`. */
    hostnames: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** Ports it serves on. */
    ports: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 65535 }))),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Component = Static<typeof ComponentSchema>;

export const KnowledgeGraphFileSchema = Type.Object(
  {
    components: Type.Array(ComponentSchema),
  },
  { additionalProperties: false },
);
export type KnowledgeGraphFile = Static<typeof KnowledgeGraphFileSchema>;
