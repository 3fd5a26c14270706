import { phrasesOf, type DoxContext } from './context.js';
import type { Disclosure } from './disclosure.js';
import { isEntry } from './lexicons.js';
import type { Token } from './tokens.js';

/**
 * A vehicle described well enough to pick out: a colour next to a make, model or type
 * ("white Ford Ranger", "Aveo gris", "camioneta gris"). With a plate it is the `vehicle`
 * disclosure; alone it only adds to a routine ("picks them up at 3:10 in a white Jeep").
 */
export function findVehicleDescription(ctx: DoxContext): Disclosure[] {
  const vehicles = phrasesOf(ctx, 'vehicle');
  for (const colour of phrasesOf(ctx, 'colour')) {
    const vehicle = vehicles.find((v) => v.first === colour.last || v.last === colour.first);
    const next = ctx.tokens[colour.last];
    const end = vehicle?.end ?? (next !== undefined && maskedModel(ctx, next) ? next.end : undefined);
    if (end === undefined) continue;
    return [{ signal: 'dox.vehicle-description', weight: 1, start: Math.min(colour.start, vehicle?.start ?? colour.start), end, reason: "description of the person's vehicle" }];
  }
  return [];
}

/** A model a name detector took for a person ("a gray Sienna"): masked, but a vehicle in the folded text. */
function maskedModel(ctx: DoxContext, token: Token): boolean {
  return ctx.masked.charAt(token.start) === 'x' && isEntry('vehicle', ctx.input.folded.slice(token.start, token.end));
}
