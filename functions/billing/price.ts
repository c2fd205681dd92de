// What one success of a route costs and how it is recorded.

/**
 * What a success costs: the endpoint it is recorded under, its credits (a bulk route's, per item it changes), and the
 * status the route answers it with, which its usage record keeps.
 */
export type Price = { endpoint: string; credits: number; statusCode: number };
