import { type Source } from './mapping-schema';

/** How errors name a source: `contact.email`, `column:status_1`, `record.ownerId`, `constant`. */
export function describeSourcePath(source: Source): string {
  switch (source.kind) {
    case 'property':
      return `${source.object}.${source.name}`;
    case 'column':
      return source.read === 'text' ? `column:${source.id}.text` : `column:${source.id}`;
    case 'constant':
      return 'constant';
    case 'record':
      return `record.${source.field}`;
  }
}
