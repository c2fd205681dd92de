// Where every route of this API lives: the one place its base path is written.
export const ADMIN_API = '/api/v1/admin';
