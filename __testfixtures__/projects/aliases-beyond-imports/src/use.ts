import mk = require("./legacy");
import factory = require("./factory");
import e = factory.createX;

export async function ids() {
  return [mk().id, e().id];
}
