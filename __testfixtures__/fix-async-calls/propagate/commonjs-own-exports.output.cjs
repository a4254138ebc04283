exports.size = async function (id) {
  return (await load(id)).size;
};

exports.total = async function (ids) {
  return (await exports.size(ids[0])) + (await module.exports.size(ids[1]));
};

function other(exports) {
  return exports.size(1);
}
