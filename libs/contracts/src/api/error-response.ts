/** The error body every endpoint returns (docs/api.md, "Conventions"). */
export interface ErrorResponse {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly code?: string;
}
