/** The demo accounts seeded with the demo data (db/seed-demo.ts), printed at start-up. */
export const DEMO_PASSWORD = "dondoc-demo";
export const DEMO_LOGINS = [
  ["canbo.bct", "Chuyên viên Bộ Công Thương / officer, Ministry of Industry and Trade"],
  ["lanhdao.bct", "Lãnh đạo Bộ Công Thương / leader"],
  ["baocao.pvn", "Đầu mối báo cáo PVN / reporter, Petrovietnam"],
  ["baocao.langson", "Đầu mối báo cáo UBND tỉnh Lạng Sơn / reporter, Lạng Sơn province"],
  ["quantri", "Quản trị / administrator"],
] as const;

/**
 * The demo administrator's second-factor secret, published like the demo password: in demo mode
 * `quantri` signs in with the code that `npm run demo:code` prints (scripts/demo-code.ts).
 */
export const DEMO_SECOND_FACTOR_SECRET = "DONDOCDEMOQUANTRIDONDOCDEMOQUANT";
