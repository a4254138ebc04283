// Enum members are initialised by a sync function: no await there.
export async function build() {
  enum Slot {
    Primary = createWebSocketManager().slot,
  }
  return Slot.Primary;
}
