import { cookies } from "next/headers";

export default async function ProfilePage() {
  const theme = (await cookies()).get("theme")?.value;
  return (
    <Layout cookies={await cookies()} theme={theme}>
      <Profile />
    </Layout>
  );
}

export function useTheme() {
  // hooks are sync: reported for manual review, left alone
  return cookies().get("theme")?.value;
}
