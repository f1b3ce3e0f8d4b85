import { Transform } from 'class-transformer';

/** Parses `true/false/1/0/yes/no` (any case); anything else is left as is and fails @IsBoolean. */
export const ToBoolean = () =>
  Transform(({ value }) => {
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(text)) return true;
    if (['false', '0', 'no', 'off'].includes(text)) return false;
    return value;
  });

/** Parses an integer; anything that is not exactly an integer is left as is and fails @IsInt. */
export const ToInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
  );

/** Splits a comma-separated list, trimming blanks. */
export const ToList = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  );
