// The account, region, REST API and stage the emulation answers as: the names in every ARN, context and event it builds.
export const STAGE = 'local';
export const ACCOUNT = '123456789012';
export const API_ID = 'localapi';
export const REGION = 'us-east-1';
