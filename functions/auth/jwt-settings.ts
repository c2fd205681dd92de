// Console JWT settings: console tokens are accepted only when all three are given.
export type JwtSettings = { jwksUrl: string; issuer: string; audience: string };

export const jwtSettingsFrom = (values: { jwksUrl?: string; issuer?: string; audience?: string }): JwtSettings | undefined =>
  values.jwksUrl && values.issuer && values.audience
    ? { jwksUrl: values.jwksUrl, issuer: values.issuer, audience: values.audience }
    : undefined;
