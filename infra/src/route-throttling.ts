import type { MethodDeploymentOptions } from 'aws-cdk-lib/aws-apigateway';

/** What throttling needs of a route of the route table (`@bank/topology`). */
export interface RouteKey {
  readonly method: string;
  /** As API Gateway spells it, e.g. `/accounts/{accountId}`. */
  readonly path: string;
  /** Routes that move money get the tightest limits, whatever else the stage allows. */
  readonly moneyMovement?: boolean;
}

/** Steady-state requests per second and burst, for the whole stage or one method. */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Default per-method limits: reads may burst, money moves may not. */
export const DEFAULT_ROUTE_THROTTLES = {
  money: { rateLimit: 50, burstLimit: 100 },
  other: { rateLimit: 200, burstLimit: 400 },
} as const satisfies Record<string, Throttle>;

/** Whether a route moves money (it gets the `money` limits, and the callbacks API is sized by these routes). */
export const isMoneyRoute = (route: RouteKey): boolean => route.moneyMovement === true;

/**
 * The stage's `methodOptions` for per-route throttling, keyed `/<path>/<METHOD>` as API Gateway
 * wants them: money routes get `money`, every other route `other`.
 *
 * @example
 * deployOptions: { methodOptions: methodThrottling(REST_API_ROUTES, DEFAULT_ROUTE_THROTTLES) }
 */
export function methodThrottling(
  routes: ReadonlyArray<RouteKey>,
  limits: { readonly money: Throttle; readonly other: Throttle },
): Record<string, MethodDeploymentOptions> {
  return Object.fromEntries(
    routes.map((route) => {
      const { rateLimit, burstLimit } = isMoneyRoute(route) ? limits.money : limits.other;
      return [`${route.path}/${route.method}`, { throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit }];
    }),
  );
}
