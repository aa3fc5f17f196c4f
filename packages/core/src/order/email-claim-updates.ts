import type { OrderUpdate } from './refund-updates';

/** The conditional updates of an order's per-fact email claims (see OrderRepository.claimEmail). */
export function emailClaimUpdate(fact: string, now: Date, leaseMs: number): OrderUpdate {
  return {
    UpdateExpression: 'SET emailLeases.#fact = :until',
    ConditionExpression:
      'attribute_exists(PK) AND attribute_not_exists(emailsSent.#fact) AND (attribute_not_exists(emailLeases.#fact) OR emailLeases.#fact < :now)',
    ExpressionAttributeNames: { '#fact': fact },
    ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime() },
  };
}

export function emailSentUpdate(fact: string, now: Date): OrderUpdate {
  return {
    UpdateExpression: 'SET emailsSent.#fact = :at REMOVE emailLeases.#fact',
    ExpressionAttributeNames: { '#fact': fact },
    ExpressionAttributeValues: { ':at': now.toISOString() },
  };
}

export function emailReleaseUpdate(fact: string): OrderUpdate {
  return {
    UpdateExpression: 'REMOVE emailLeases.#fact',
    ExpressionAttributeNames: { '#fact': fact },
  };
}
