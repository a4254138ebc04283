import { cookies } from "next/headers";

export default async function ProfilePage() {
  const theme = cookies().get("theme")?.value;
  return (
    <Layout cookies={cookies()} theme={theme}>
      <Profile />
    </Layout>
  );
}

export function useTheme() {
  // hooks are sync: reported for manual review, left alone
  return cookies().get("theme")?.value;
}
