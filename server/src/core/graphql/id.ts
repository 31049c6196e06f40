import { GraphQLID, GraphQLScalarType } from 'graphql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The nil UUID names nothing (ids are random UUIDs), so looking it up finds nothing. */
export const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

const canonical = (id: string) => (UUID.test(id) ? id.toLowerCase() : NO_SUCH_ID);

/**
 * The API's `ID`, used by every module instead of GraphQL's own (a second scalar named ID would stop
 * the schema from building). Same name and wire format, but resolvers always receive a lower-case
 * UUID: an id that is not one arrives as NO_SUCH_ID, so a lookup answers exactly as for an unknown
 * id instead of handing PostgreSQL text it cannot cast. Operations that change things never see it:
 * the input guard refuses them first, naming the field.
 */
export const ID = new GraphQLScalarType<string, string>({
  name: 'ID',
  description: GraphQLID.description,
  serialize: (value) => GraphQLID.serialize(value),
  parseValue: (value) => canonical(GraphQLID.parseValue(value)),
  parseLiteral: (node, variables) => canonical(GraphQLID.parseLiteral(node, variables)),
});
