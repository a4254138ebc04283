exports.size = function (id) {
  return load(id).size;
};

exports.total = function (ids) {
  return exports.size(ids[0]) + module.exports.size(ids[1]);
};

function other(exports) {
  return exports.size(1);
}
