// A component is rendered synchronously: it cannot become async.
export function Profile({ id }: { id: string }) {
  const user = load(id).name;
  return <div>{user}</div>;
}

export const Badge = ({ id }: { id: string }) => (
  <span>{load(id).label}</span>
);

export function Maybe({ id }: { id: string }) {
  if (!id) return null;
  return id ? <b>{load(id).name}</b> : null;
}

export function Button() {
  const onClick = () => {
    load("click").ok;
  };
  return <button onClick={onClick}>go</button>;
}
