/** The demo accounts seeded with the demo data (db/seed-demo.ts), printed at start-up. */
export const DEMO_PASSWORD = "dondoc-demo";
export const DEMO_LOGINS = [
  ["canbo.bct", "Chuyên viên Bộ Công Thương / officer, Ministry of Industry and Trade"],
  ["lanhdao.bct", "Lãnh đạo Bộ Công Thương / leader"],
  ["baocao.pvn", "Đầu mối báo cáo PVN / reporter, Petrovietnam"],
  ["baocao.langson", "Đầu mối báo cáo UBND tỉnh Lạng Sơn / reporter, Lạng Sơn province"],
  ["quantri", "Quản trị / administrator"],
] as const;
