// IAM resource matching for execute-api ARNs: `*` matches any run of characters (slashes included), `?` one character.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
export const matchesArn = (pattern: string, arn: string): boolean => {
  const expression = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${expression}$`, 's').test(arn);
};
