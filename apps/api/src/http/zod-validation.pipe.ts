import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiProblem, type FieldProblem } from './problem';

/**
 * Validates every body, query and path parameter declared with a zod DTO (nestjs-zod's
 * createZodDto). Unlike nestjs-zod's own pipe, it knows where the value came from, so each error
 * path names it: `body.email`, `query.limit`, `params.id`.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = zodSchemaOf(metadata.metatype);
    if (!schema) return value;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const location = metadata.type === 'param' ? 'params' : metadata.type;
    throw ApiProblem.validation(zodIssuesToFieldProblems(result.error.issues, location, value));
  }
}

export function zodIssuesToFieldProblems(
  issues: readonly z.core.$ZodIssue[],
  root: string,
  input: unknown,
): FieldProblem[] {
  return issues.map((issue) => {
    // zod does not say "missing" for every type (an enum reports invalid_value), so look.
    const missing =
      issue.path.length > 0 && issue.code !== 'unrecognized_keys' && valueAt(input, issue.path) === undefined;
    return {
      path: formatPath(root, issue.path),
      message: missing ? 'is required' : issue.message,
      code: issue.code,
    };
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return out;
}

/** DTO classes made by nestjs-zod's createZodDto carry their schema as a static property. */
function zodSchemaOf(metatype: unknown): z.ZodType | undefined {
  if (typeof metatype !== 'function') return undefined;
  const dto = metatype as { isZodDto?: boolean; schema?: z.ZodType };
  return dto.isZodDto ? dto.schema : undefined;
}
