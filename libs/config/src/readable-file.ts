import * as fs from 'node:fs';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** Why a path cannot be read as a file, or null when it can. */
export function unreadableFile(file: string): string | null {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (!fs.statSync(file).isFile()) return 'is not a file';
    return null;
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** A setting naming a file this process must be able to read (a certificate, a key). */
export function IsReadableFile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReadableFile',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && unreadableFile(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `file ${args.value} ${unreadableFile(args.value) ?? ''}`.trim()
            : 'must be a file path',
      },
    },
    options,
  );
}
