import {
  defaultFieldResolver,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { isComplexityOnly, operationComplexity } from './monday-complexity';
import { MondayFieldError, type MondayErrorEntry } from './monday-errors';
import { MUTATION_RESOLVERS, QUERY_RESOLVERS, type ResolverContext } from './monday-resolvers';

/** A `POST /v2` body: Monday requires `query` in the body and `variables` as an object. */
export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export type PreparedOperation =
  | {
      ok: true;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      complexity: number;
      isMutation: boolean;
      complexityOnly: boolean;
    }
  | { ok: false; errors: MondayErrorEntry[] };

function requestError(error: GraphQLError, code: string): MondayErrorEntry {
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    extensions: { code, status_code: 200 },
  };
}

/** Parses and validates against Monday's schema, and prices the operation; nothing runs yet. */
export function prepareOperation(schema: GraphQLSchema, body: GraphqlBody): PreparedOperation {
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    if (error instanceof GraphQLError)
      return { ok: false, errors: [requestError(error, 'GRAPHQL_PARSE_FAILED')] };
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length) {
    return { ok: false, errors: invalid.map((e) => requestError(e, 'GRAPHQL_VALIDATION_FAILED')) };
  }
  const operation = getOperationAST(document, body.operationName ?? undefined);
  if (!operation) {
    const message = body.operationName
      ? `Unknown operation named "${body.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return {
      ok: false,
      errors: [{ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', status_code: 200 } }],
    };
  }
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return {
    ok: true,
    document,
    operation,
    complexity: operationComplexity(operation, fragments, body.variables ?? {}),
    isMutation: operation.operation === OperationTypeNode.MUTATION,
    complexityOnly: isComplexityOnly(operation),
  };
}

/**
 * Root fields come from the resolver tables (a field the sandbox does not implement says so);
 * everything below is a property, or a method of a view called with its arguments.
 */
const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext, Record<string, unknown>> = (
  source,
  args,
  ctx,
  info,
) => {
  const parent = info.parentType.name;
  if (parent === 'Query' || parent === 'Mutation') {
    const resolver = (parent === 'Query' ? QUERY_RESOLVERS : MUTATION_RESOLVERS)[info.fieldName];
    if (!resolver) {
      throw new MondayFieldError(
        `The Leadflow sandbox does not implement ${parent}.${info.fieldName}`,
        'NOT_IMPLEMENTED_IN_SANDBOX',
      );
    }
    return resolver(args, ctx);
  }
  return defaultFieldResolver(source, args, ctx, info);
};

function formatError(error: GraphQLError): { entry: MondayErrorEntry; httpStatus: number } {
  const original = error.originalError;
  const where = {
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
  if (original instanceof MondayFieldError) {
    return {
      entry: { message: original.message, ...where, extensions: original.extensions() },
      httpStatus: original.httpStatus,
    };
  }
  if (!error.path) {
    // Variable coercion: a request error, like validation.
    return {
      entry: {
        message: error.message,
        ...where,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', status_code: 200 },
      },
      httpStatus: 200,
    };
  }
  // Anything else is a fault of the sandbox itself: say so loudly.
  return {
    entry: {
      message: error.message,
      ...where,
      extensions: { code: 'INTERNAL_SERVER_ERROR', status_code: 500 },
    },
    httpStatus: original ? 500 : 200,
  };
}

export async function executeOperation(
  schema: GraphQLSchema,
  prepared: Extract<PreparedOperation, { ok: true }>,
  body: GraphqlBody,
  ctx: ResolverContext,
): Promise<{ httpStatus: number; data: unknown; errors?: MondayErrorEntry[] }> {
  const result = await execute({
    schema,
    document: prepared.document,
    operationName: body.operationName ?? undefined,
    variableValues: body.variables ?? undefined,
    contextValue: ctx,
    fieldResolver,
  });
  if (!result.errors?.length) return { httpStatus: 200, data: result.data ?? null };
  const formatted = result.errors.map(formatError);
  return {
    httpStatus: Math.max(...formatted.map((f) => f.httpStatus)),
    data: result.data ?? null,
    errors: formatted.map((f) => f.entry),
  };
}
