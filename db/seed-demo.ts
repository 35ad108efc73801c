import type { Transaction } from "kysely";
import { type IsoDate, vnDate } from "../shared/date.ts";
import { findTransition, type TaskStatus } from "../shared/task-status.ts";
import type { Role } from "../shared/user.ts";
import { loadCalendar } from "./calendar.ts";
import { directiveSearchText } from "./directive.ts";
import type { Db } from "./open.ts";
import type { Database, NewTaskEvent } from "./schema.ts";
import { seedDemoCurrent } from "./seed-demo-current.ts";
import { dueOnOf, taskSearchText } from "./task.ts";

/**
 * Demo data: five users, Directive 06/CT-TTg of 15/02/2024 with the eight items it gives the
 * Ministry of Industry and Trade (as the press reported them) broken down to PVN, TKV, market
 * management and provinces, and a small labelled sample directive of the current year whose
 * deadlines are relative to `now`, so that every timeliness category shows on any date.
 * Statuses, deadlines and progress are invented for the demonstration and say so.
 * Assumes seedReference has run; does nothing if the demo users exist already.
 */

const DEMO_NOTE =
  "Dữ liệu minh họa: thời hạn, tiến độ và trạng thái là giả định, tạo ra để trình diễn phần mềm.";
const SOURCE_NOTE =
  "Nội dung tóm lược theo tin báo chí về Chỉ thị 06/CT-TTg (tháng 2/2024), không phải nguyên văn chỉ thị. Cơ quan giao: Thủ tướng Chính phủ; Bộ Công Thương theo dõi.";
/** The article names no coordinating agency ("các cơ quan, địa phương"): those listed are made up. */
const COORDINATORS_NOTE =
  "Cơ quan phối hợp ghi ở đây là giả định minh họa: tin báo chí chỉ nêu chung “các cơ quan, địa phương”.";

type Username = "canbo.bct" | "lanhdao.bct" | "baocao.pvn" | "baocao.langson" | "quantri";

const USERS: readonly { username: Username; fullName: string; agency: string; role: Role }[] = [
  { username: "canbo.bct", fullName: "Nguyễn Văn An", agency: "BCT", role: "officer" },
  { username: "lanhdao.bct", fullName: "Trần Thị Bình", agency: "BCT", role: "leader" },
  { username: "baocao.pvn", fullName: "Lê Minh Cường", agency: "PVN", role: "reporter" },
  { username: "baocao.langson", fullName: "Hoàng Thị Dung", agency: "UBND-20", role: "reporter" },
  { username: "quantri", fullName: "Phạm Quốc Hùng", agency: "VPCP", role: "admin" },
];

/** One change in a task's life, replayed to give both the history and the task's final state. */
type Step =
  | { at: string; by: Username; status: TaskStatus; note?: string }
  | { at: string; by: Username; progress: number; note?: string };

type DemoTask = {
  /** A local name, for sub-tasks to point to their parent. */
  key: string;
  parent?: string;
  clause: string;
  title: string;
  description: string;
  lead: string;
  coordinators?: readonly string[];
  deadline: IsoDate | null;
  isKey?: boolean;
  createdAt: string;
  steps: readonly Step[];
};

type DemoDirective = {
  type: "chi_thi";
  number: string;
  issuer: string;
  issuedOn: IsoDate;
  title: string;
  summary: string;
  tracking: string;
  createdAt: string;
  tasks: readonly DemoTask[];
};

/** An instant given as a date and a time of day in Vietnam. */
function vn(date: IsoDate, time: string): string {
  return new Date(`${date}T${time}:00+07:00`).toISOString();
}

/** Reporting a task done: progress to 100, then the status. */
function reportDone(at: string, by: Username, note: string): Step[] {
  return [
    { at, by, progress: 100 },
    { at, by, status: "reported_done", note },
  ];
}

function confirm(at: string): Step {
  return { at, by: "canbo.bct", status: "completed", note: "Xác nhận hoàn thành." };
}

const BORDER_PROVINCES = [
  { code: "UBND-11", name: "Điện Biên" },
  { code: "UBND-12", name: "Lai Châu" },
  { code: "UBND-10", name: "Lào Cai" },
  { code: "UBND-02", name: "Hà Giang" },
  { code: "UBND-04", name: "Cao Bằng" },
  { code: "UBND-20", name: "Lạng Sơn" },
  { code: "UBND-22", name: "Quảng Ninh" },
] as const;

/** What each border province's sub-task went through (all due 10/03/2024, a Sunday). */
const BORDER_STEPS: Record<(typeof BORDER_PROVINCES)[number]["code"], readonly Step[]> = {
  // in progress, overdue
  "UBND-11": [
    { at: vn("2024-03-05", "09:00"), by: "canbo.bct", status: "in_progress" },
    {
      at: vn("2024-03-18", "15:00"),
      by: "canbo.bct",
      progress: 50,
      note: "Cập nhật theo báo cáo của Sở Công Thương Điện Biên (minh họa): đang tổng hợp số liệu tại các cửa khẩu.",
    },
  ],
  // cancelled
  "UBND-12": [
    {
      at: vn("2024-03-04", "10:00"),
      by: "canbo.bct",
      status: "cancelled",
      note: "Minh họa: thu hồi vì nội dung đã được giao tại một văn bản khác của Bộ.",
    },
  ],
  // completed late
  "UBND-10": [
    { at: vn("2024-03-01", "08:30"), by: "canbo.bct", status: "in_progress" },
    ...reportDone(
      vn("2024-03-20", "16:00"),
      "canbo.bct",
      "Cập nhật theo báo cáo của UBND tỉnh Lào Cai (minh họa): hàng hóa thông quan bình thường.",
    ),
    confirm(vn("2024-03-22", "10:00")),
  ],
  // not started, overdue (its follow-up passed to Tuyên Quang in 2025)
  "UBND-02": [],
  // reported done after the deadline, awaiting confirmation
  "UBND-04": [
    { at: vn("2024-03-04", "14:00"), by: "canbo.bct", status: "in_progress" },
    ...reportDone(
      vn("2024-03-25", "09:30"),
      "canbo.bct",
      "Cập nhật theo báo cáo của UBND tỉnh Cao Bằng (minh họa).",
    ),
  ],
  // in progress, overdue, with the province's report quoted by the press
  "UBND-20": [
    { at: vn("2024-02-21", "08:00"), by: "baocao.langson", status: "in_progress" },
    {
      at: vn("2024-02-23", "16:30"),
      by: "baocao.langson",
      progress: 80,
      note: "Theo tin báo chí (Giám đốc Sở Công Thương Lạng Sơn): xuất khẩu hàng hóa trên địa bàn tỉnh sôi động, chủ yếu là hàng nông sản, trái cây; dịp Tết vừa qua không có hiện tượng ùn ứ hàng hóa. Ngày cập nhật và tỷ lệ tiến độ là minh họa.",
    },
  ],
  // completed on time
  "UBND-22": [
    { at: vn("2024-02-28", "09:00"), by: "canbo.bct", status: "in_progress" },
    ...reportDone(
      vn("2024-03-08", "15:00"),
      "canbo.bct",
      "Cập nhật theo báo cáo của UBND tỉnh Quảng Ninh (minh họa).",
    ),
    confirm(vn("2024-03-11", "09:00")),
  ],
};

function directive06(): DemoDirective {
  const created = vn("2024-02-16", "09:00");
  const brokenDown = vn("2024-02-20", "09:30");
  const about = `${SOURCE_NOTE} ${COORDINATORS_NOTE} ${DEMO_NOTE}`;
  // Ministries ask ("đề nghị") provinces and state groups; they assign ("giao") their own units.
  const subTask = (lead: string, verb: "đề nghị" | "giao" = "đề nghị") =>
    `Bộ Công Thương ${verb} ${lead} thực hiện để triển khai Chỉ thị 06/CT-TTg. ${DEMO_NOTE}`;
  return {
    type: "chi_thi",
    number: "06/CT-TTg",
    issuer: "Thủ tướng Chính phủ",
    issuedOn: "2024-02-15",
    title:
      "Chỉ thị số 06/CT-TTg về đôn đốc thực hiện nhiệm vụ trọng tâm sau kỳ nghỉ Tết Nguyên đán Giáp Thìn 2024",
    summary:
      "Thủ tướng Chính phủ chỉ đạo Bộ Công Thương chủ trì, phối hợp với các cơ quan, địa phương thúc đẩy đưa vào vận hành các dự án sản xuất công nghiệp; đôn đốc PVN và các nhà thầu dầu khí thực hiện kế hoạch thăm dò, khai thác năm 2024; chỉ đạo TKV tăng sản lượng than cho sản xuất điện; theo dõi cung cầu hàng hóa thiết yếu, xăng dầu; chỉ đạo lực lượng quản lý thị trường chống gian lận thương mại, hàng giả; cùng UBND các tỉnh biên giới phía Bắc theo dõi xuất nhập khẩu tại cửa khẩu, không để ùn tắc; theo dõi vận tải quốc tế qua Biển Đỏ; hướng dẫn địa phương có phương án sản xuất, kinh doanh nông sản phù hợp. Bối cảnh tháng 1/2024: chỉ số sản xuất công nghiệp tăng 18,3%; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng 524,1 nghìn tỷ đồng, tăng 8,1%; kim ngạch xuất nhập khẩu 64,22 tỷ USD, tăng 37,7%. Tóm tắt theo tin báo chí, không phải nguyên văn chỉ thị.",
    tracking: "BCT",
    createdAt: vn("2024-02-16", "08:30"),
    tasks: [
      {
        key: "1",
        clause: "Mục 1",
        title:
          "Thúc đẩy, đưa vào vận hành các dự án sản xuất công nghiệp, phục vụ xuất khẩu và tiêu dùng trong nước",
        description: `Bộ Công Thương chủ trì, phối hợp với các cơ quan, địa phương. ${about}`,
        lead: "BCT",
        coordinators: ["BKHĐT"],
        deadline: "2024-06-30",
        isKey: true,
        createdAt: created,
        steps: [
          { at: vn("2024-02-26", "09:00"), by: "canbo.bct", status: "in_progress" },
          {
            at: vn("2024-04-15", "10:00"),
            by: "canbo.bct",
            progress: 40,
            note: "Đã rà soát danh mục dự án sản xuất công nghiệp chậm tiến độ, làm việc với chủ đầu tư (minh họa).",
          },
          {
            at: vn("2024-06-20", "15:00"),
            by: "canbo.bct",
            progress: 80,
            note: "Phần lớn dự án trong danh mục đã vận hành; còn một số dự án vướng mặt bằng (minh họa).",
          },
          ...reportDone(
            vn("2024-07-12", "16:00"),
            "canbo.bct",
            "Báo cáo kết quả thực hiện (minh họa), nộp sau thời hạn.",
          ),
          { at: vn("2024-07-15", "09:00"), by: "lanhdao.bct", status: "completed" },
        ],
      },
      {
        key: "2",
        clause: "Mục 2",
        title:
          "Đôn đốc Tập đoàn Dầu khí Việt Nam (PVN) và các nhà thầu dầu khí triển khai tìm kiếm, thăm dò và khai thác dầu khí năm 2024 theo kế hoạch được phê duyệt",
        description: about,
        lead: "BCT",
        coordinators: ["UBQLV"],
        deadline: "2024-12-31",
        isKey: true,
        createdAt: created,
        steps: [
          {
            at: vn("2024-02-20", "09:30"),
            by: "canbo.bct",
            status: "in_progress",
            note: "Đã đề nghị PVN thực hiện (phân giao nhiệm vụ).",
          },
          { at: vn("2024-07-10", "10:00"), by: "canbo.bct", progress: 50 },
          {
            at: vn("2024-12-18", "15:00"),
            by: "canbo.bct",
            progress: 75,
            note: "Chờ PVN báo cáo kết quả thăm dò, khai thác cả năm (minh họa).",
          },
        ],
      },
      {
        key: "3",
        clause: "Mục 3",
        title:
          "Chỉ đạo Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam (TKV) tăng sản lượng khai thác than trong nước, đáp ứng yêu cầu sản xuất điện",
        description: about,
        lead: "BCT",
        coordinators: ["EVN"],
        deadline: "2024-06-30",
        isKey: true,
        createdAt: created,
        steps: [
          { at: vn("2024-02-20", "09:30"), by: "canbo.bct", status: "in_progress" },
          { at: vn("2024-04-10", "10:00"), by: "canbo.bct", progress: 50 },
          ...reportDone(
            vn("2024-06-27", "16:00"),
            "canbo.bct",
            "TKV đã điều chỉnh kế hoạch, tăng sản lượng than cấp cho điện (minh họa).",
          ),
          confirm(vn("2024-07-02", "09:00")),
        ],
      },
      {
        key: "4",
        clause: "Mục 4",
        title:
          "Theo dõi chặt chẽ nguồn cung, nhu cầu hàng hóa, nhất là mặt hàng thiết yếu và xăng dầu; chủ động phương án bảo đảm cân đối cung cầu, không để thiếu hàng, gây bất ổn thị trường",
        description: `Nhiệm vụ thường xuyên. ${about}`,
        lead: "BCT",
        coordinators: ["BTC", "Petrolimex"],
        deadline: null,
        isKey: true,
        createdAt: created,
        steps: [
          { at: vn("2024-02-16", "14:00"), by: "canbo.bct", status: "in_progress" },
          {
            at: vn("2024-03-15", "10:00"),
            by: "canbo.bct",
            progress: 30,
            note: "Theo tin báo chí: tháng 1/2024 tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng ước đạt 524,1 nghìn tỷ đồng, tăng 8,1%; nguồn cung dồi dào, không để xảy ra thiếu hàng, sốt giá. Ngày cập nhật và tỷ lệ tiến độ là minh họa.",
          },
        ],
      },
      {
        key: "5",
        clause: "Mục 5",
        title:
          "Chỉ đạo lực lượng quản lý thị trường tăng cường đấu tranh phòng, chống gian lận thương mại, sản xuất, kinh doanh hàng giả, hàng nhái; xử lý nghiêm theo quy định",
        description: about,
        lead: "BCT",
        coordinators: ["BCA"],
        deadline: "2024-12-31",
        createdAt: created,
        steps: [
          { at: vn("2024-02-20", "09:30"), by: "canbo.bct", status: "in_progress" },
          { at: vn("2024-08-15", "10:00"), by: "canbo.bct", progress: 60 },
          ...reportDone(
            vn("2024-12-20", "16:00"),
            "canbo.bct",
            "Đã tổng hợp kết quả đấu tranh chống gian lận thương mại, hàng giả năm 2024 (minh họa); chờ xác nhận.",
          ),
        ],
      },
      {
        key: "6",
        clause: "Mục 6",
        title:
          "Phối hợp với UBND các tỉnh biên giới phía Bắc theo dõi sát tình hình xuất nhập khẩu hàng hóa tại các cửa khẩu biên giới đất liền, kịp thời có giải pháp xử lý, không để ùn tắc hàng hóa",
        description: about,
        lead: "BCT",
        coordinators: ["BQP", "BTC"],
        deadline: "2024-03-31",
        isKey: true,
        createdAt: created,
        steps: [
          { at: vn("2024-02-16", "14:30"), by: "canbo.bct", status: "in_progress" },
          { at: vn("2024-03-12", "10:00"), by: "canbo.bct", progress: 40 },
          {
            at: vn("2024-03-28", "16:00"),
            by: "canbo.bct",
            progress: 60,
            note: "Đã nhận báo cáo của một số tỉnh; chưa có tình trạng ùn tắc kéo dài (minh họa).",
          },
        ],
      },
      {
        key: "7",
        clause: "Mục 7",
        title:
          "Phối hợp với các bộ, cơ quan, hiệp hội, hãng tàu, doanh nghiệp nắm bắt tình hình vận tải hàng hóa quốc tế qua khu vực Biển Đỏ, đề xuất giải pháp giảm chi phí vận chuyển, bảo đảm luồng hàng xuất khẩu",
        description: `Nhiệm vụ thường xuyên. ${about}`,
        lead: "BCT",
        coordinators: ["BGTVT", "BNG"],
        deadline: null,
        createdAt: created,
        steps: [
          { at: vn("2024-02-19", "09:00"), by: "canbo.bct", status: "in_progress" },
          {
            at: vn("2024-03-20", "15:00"),
            by: "canbo.bct",
            progress: 40,
            note: "Đã làm việc với hiệp hội, hãng tàu về chi phí vận chuyển qua Biển Đỏ (minh họa).",
          },
        ],
      },
      {
        key: "8",
        clause: "Mục 8",
        title: "Hướng dẫn các địa phương có phương án sản xuất, kinh doanh nông sản phù hợp",
        description: about,
        lead: "BCT",
        coordinators: ["BNNPTNT"],
        // 30/04 and 01/05 are holidays: the deadline in force is 02/05/2024.
        deadline: "2024-04-30",
        createdAt: created,
        steps: [
          { at: vn("2024-02-20", "09:30"), by: "canbo.bct", status: "in_progress" },
          { at: vn("2024-03-25", "10:00"), by: "canbo.bct", progress: 60 },
          ...reportDone(
            vn("2024-05-02", "15:00"),
            "canbo.bct",
            "Đã có văn bản hướng dẫn các địa phương (minh họa).",
          ),
          confirm(vn("2024-05-03", "09:00")),
        ],
      },
      {
        key: "2.1",
        parent: "2",
        clause: "Mục 2.1",
        title:
          "Triển khai hoạt động tìm kiếm, thăm dò và khai thác dầu khí năm 2024 theo kế hoạch được phê duyệt",
        description: subTask("Tập đoàn Dầu khí Việt Nam (PVN)"),
        lead: "PVN",
        deadline: "2024-12-15",
        isKey: true,
        createdAt: brokenDown,
        steps: [
          { at: vn("2024-02-26", "08:30"), by: "baocao.pvn", status: "in_progress" },
          {
            at: vn("2024-07-08", "10:00"),
            by: "baocao.pvn",
            progress: 50,
            note: "Báo cáo 6 tháng: các chiến dịch khoan theo đúng kế hoạch (minh họa).",
          },
          {
            at: vn("2024-12-10", "16:00"),
            by: "baocao.pvn",
            progress: 85,
            note: "Đang tổng hợp số liệu khai thác cả năm; báo cáo sẽ gửi sau thời hạn (minh họa).",
          },
        ],
      },
      {
        key: "3.1",
        parent: "3",
        clause: "Mục 3.1",
        title: "Tăng sản lượng khai thác than trong nước, đáp ứng yêu cầu sản xuất điện",
        description: subTask("Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam (TKV)"),
        lead: "TKV",
        coordinators: ["EVN"],
        // A Saturday: the deadline in force is Monday 17/06/2024.
        deadline: "2024-06-15",
        createdAt: brokenDown,
        steps: [
          {
            at: vn("2024-02-22", "09:00"),
            by: "canbo.bct",
            status: "in_progress",
            note: "Cập nhật theo báo cáo của TKV (minh họa).",
          },
          { at: vn("2024-04-05", "10:00"), by: "canbo.bct", progress: 45 },
          ...reportDone(
            vn("2024-06-14", "15:00"),
            "canbo.bct",
            "Cập nhật theo báo cáo của TKV (minh họa): sản lượng than cấp cho điện đạt kế hoạch.",
          ),
          confirm(vn("2024-06-18", "09:00")),
        ],
      },
      {
        key: "5.1",
        parent: "5",
        clause: "Mục 5.1",
        title:
          "Tăng cường kiểm tra, kiểm soát, xử lý gian lận thương mại, hàng giả, hàng nhái trên thị trường",
        description: subTask("Tổng cục Quản lý thị trường", "giao"),
        lead: "QLTT",
        // A Sunday: the deadline in force is Monday 16/12/2024, the day it was reported done.
        deadline: "2024-12-15",
        createdAt: brokenDown,
        steps: [
          { at: vn("2024-02-21", "09:00"), by: "canbo.bct", status: "in_progress" },
          { at: vn("2024-06-28", "10:00"), by: "canbo.bct", progress: 50 },
          ...reportDone(
            vn("2024-12-16", "16:30"),
            "canbo.bct",
            "Cập nhật theo báo cáo của Tổng cục Quản lý thị trường (minh họa).",
          ),
          confirm(vn("2024-12-18", "09:00")),
        ],
      },
      ...BORDER_PROVINCES.map(
        (province, index): DemoTask => ({
          key: `6.${index + 1}`,
          parent: "6",
          clause: `Mục 6.${index + 1}`,
          title: `Theo dõi sát tình hình xuất nhập khẩu hàng hóa tại các cửa khẩu trên địa bàn tỉnh ${province.name}, không để ùn tắc hàng hóa; báo cáo Bộ Công Thương`,
          description: subTask(`UBND tỉnh ${province.name}`),
          lead: province.code,
          isKey: province.code === "UBND-20",
          deadline: "2024-03-10",
          createdAt: brokenDown,
          steps: BORDER_STEPS[province.code],
        }),
      ),
      {
        key: "8.1",
        parent: "8",
        clause: "Mục 8.1",
        title:
          "Theo dõi, kết nối tiêu thụ hàng hóa giữa trung tâm thương mại, siêu thị, chợ và đẩy mạnh xuất khẩu gạo",
        description: `Nhiệm vụ thường xuyên. ${subTask("UBND thành phố Cần Thơ")}`,
        lead: "UBND-92",
        deadline: null,
        createdAt: brokenDown,
        steps: [
          {
            at: vn("2024-02-22", "09:00"),
            by: "canbo.bct",
            status: "in_progress",
            note: "Cập nhật theo báo cáo của Sở Công Thương Cần Thơ (minh họa).",
          },
          {
            at: vn("2024-02-23", "15:00"),
            by: "canbo.bct",
            progress: 50,
            note: "Theo tin báo chí (Giám đốc Sở Công Thương Cần Thơ): thành phố chỉ đạo tập trung các nhiệm vụ trọng tâm, bắt tay sản xuất ngay sau Tết; tiếp tục theo dõi và kết nối tiêu thụ hàng hóa giữa các trung tâm thương mại, siêu thị, chợ; tập trung xuất khẩu gạo. Ngày cập nhật và tỷ lệ tiến độ là minh họa.",
          },
        ],
      },
      {
        key: "8.2",
        parent: "8",
        clause: "Mục 8.2",
        title:
          "Xây dựng phương án sản xuất, kinh doanh nông sản phù hợp, gắn với xuất khẩu qua các cửa khẩu trên địa bàn tỉnh Lạng Sơn",
        description: subTask("UBND tỉnh Lạng Sơn"),
        lead: "UBND-20",
        deadline: "2024-03-31",
        createdAt: brokenDown,
        steps: [
          { at: vn("2024-02-26", "08:00"), by: "baocao.langson", status: "in_progress" },
          ...reportDone(
            vn("2024-04-08", "16:00"),
            "baocao.langson",
            "Đã ban hành phương án (minh họa), chậm so với thời hạn.",
          ),
          confirm(vn("2024-04-10", "09:00")),
        ],
      },
    ],
  };
}

type Trx = Transaction<Database>;

async function insertDirective(
  trx: Trx,
  directive: DemoDirective,
  agencyId: (code: string) => number,
  userId: (username: Username) => number,
  now: string,
): Promise<void> {
  if (directive.createdAt > now) return;
  const calendar = await loadCalendar(trx);
  const author = userId("canbo.bct");
  const { id: directiveId } = await trx
    .insertInto("directive")
    .values({
      type: directive.type,
      number: directive.number,
      issuer: directive.issuer,
      issuedOn: directive.issuedOn,
      issueYear: Number(directive.issuedOn.slice(0, 4)),
      title: directive.title,
      summary: directive.summary,
      fullText: "",
      trackingAgencyId: agencyId(directive.tracking),
      isDemo: 1,
      searchText: directiveSearchText(directive),
      createdBy: author,
      createdAt: directive.createdAt,
      updatedAt: directive.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const taskIds = new Map<string, number>();
  for (const task of directive.tasks) {
    // On an early clock, what had not happened yet is left out: the task, its breakdowns, steps.
    if (task.createdAt > now) continue;
    if (task.parent !== undefined && !taskIds.has(task.parent)) continue;
    let status: TaskStatus = "not_started";
    let progress = 0;
    let doneOn: IsoDate | null = null;
    let lastProgressAt: string | null = null;
    let lastProgressNote = "";
    let updatedAt = task.createdAt;
    const events: Omit<NewTaskEvent, "taskId">[] = [
      {
        actorId: author,
        at: task.createdAt,
        kind: "created",
        note: task.parent === undefined ? "Nhập nhiệm vụ được giao." : "Phân giao nhiệm vụ.",
      },
    ];
    // The state after creation and after each step, for statistics as of a past day.
    const states: { at: string; status: TaskStatus; progress: number; doneOn: IsoDate | null }[] = [
      { at: task.createdAt, status, progress, doneOn },
    ];
    for (const step of task.steps) {
      if (step.at < updatedAt) {
        throw new Error(`Demo task ${task.key}: step at ${step.at} is out of order`);
      }
      if (step.at > now) break;
      updatedAt = step.at;
      const note = step.note ?? "";
      if ("status" in step) {
        if (!findTransition(status, step.status)) {
          throw new Error(`Demo task ${task.key}: no transition ${status} → ${step.status}`);
        }
        events.push({
          actorId: userId(step.by),
          at: step.at,
          kind: "status",
          field: "status",
          oldValue: status,
          newValue: step.status,
          note,
        });
        status = step.status;
        if (status === "reported_done") doneOn = vnDate(new Date(step.at));
        if (status !== "reported_done" && status !== "completed") doneOn = null;
      } else {
        events.push({
          actorId: userId(step.by),
          at: step.at,
          kind: "progress",
          field: "progress",
          oldValue: String(progress),
          newValue: String(step.progress),
          note,
        });
        progress = step.progress;
        lastProgressAt = step.at;
        lastProgressNote = note;
      }
      states.push({ at: step.at, status, progress, doneOn });
    }
    if (status === "completed" && progress !== 100) {
      throw new Error(`Demo task ${task.key}: completed below 100 %`);
    }

    let parentId: number | null = null;
    if (task.parent !== undefined) {
      const id = taskIds.get(task.parent);
      if (id === undefined)
        throw new Error(`Demo task ${task.key}: parent ${task.parent} not yet inserted`);
      parentId = id;
    }
    const leadAgencyId = agencyId(task.lead);
    const dueOn = dueOnOf(task.deadline, calendar);
    const { id: taskId } = await trx
      .insertInto("task")
      .values({
        directiveId,
        parentId,
        clause: task.clause,
        title: task.title,
        description: task.description,
        leadAgencyId,
        assignerAgencyId: agencyId(directive.tracking),
        deadline: task.deadline,
        // A task of the demo without a deadline is a continuing one ("thường xuyên").
        deadlineKind: task.deadline === null ? "continuing" : "by_date",
        dueOn,
        originalDeadline: task.deadline,
        originalDueOn: dueOn,
        isKey: task.isKey ? 1 : 0,
        status,
        progress,
        doneOn,
        lastProgressAt,
        lastProgressNote,
        isDemo: 1,
        searchText: taskSearchText(task),
        version: events.length,
        createdBy: author,
        createdAt: task.createdAt,
        updatedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    taskIds.set(task.key, taskId);

    const coordinatorIds = (task.coordinators ?? []).map(agencyId);
    if (coordinatorIds.includes(leadAgencyId)) {
      throw new Error(`Demo task ${task.key}: the lead agency cannot also coordinate`);
    }
    if (coordinatorIds.length > 0) {
      await trx
        .insertInto("taskCoordinator")
        .values(coordinatorIds.map((agencyId) => ({ taskId, agencyId })))
        .execute();
    }
    await trx
      .insertInto("taskEvent")
      .values(events.map((event) => ({ ...event, taskId })))
      .execute();
    for (const [index, state] of states.entries()) {
      const { id: stateId } = await trx
        .insertInto("taskState")
        .values({
          taskId,
          validFrom: state.at,
          validTo: states[index + 1]?.at ?? null,
          directiveId,
          parentId,
          leadAgencyId,
          assignerAgencyId: agencyId(directive.tracking),
          isKey: task.isKey ? 1 : 0,
          status: state.status,
          deadline: task.deadline,
          deadlineKind: task.deadline === null ? "continuing" : "by_date",
          dueOn,
          originalDueOn: dueOn,
          doneOn: state.doneOn,
          progress: state.progress,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (coordinatorIds.length > 0) {
        await trx
          .insertInto("taskStateCoordinator")
          .values(coordinatorIds.map((agencyId) => ({ stateId, agencyId })))
          .execute();
      }
    }
  }
}

/**
 * Inserts the demo users, directives, tasks, coordinators and history in one transaction.
 * `now` is the server's clock: the sample directive's deadlines are computed from its date in
 * Vietnam. Every user gets `passwordHash`.
 */
export async function seedDemo(db: Db, options: DemoOptions): Promise<void> {
  await db.transaction().execute((trx) => seedDemoIn(trx, options));
}

export type DemoOptions = {
  now: Date;
  passwordHash: string;
  /**
   * The published TOTP secret of the demo administrators (administrators must use a second
   * factor): `npm run demo:code` prints its current code. Left out, they set one up at sign-in.
   */
  adminSecondFactorSecret?: string;
};

/**
 * seedDemo inside the caller's transaction (db/seed.ts seeds everything in one). On any clock:
 * what the demo dates after `now` (a directive not yet entered, a step not yet taken) is left out.
 */
export async function seedDemoIn(trx: Trx, options: DemoOptions): Promise<void> {
  const now = options.now.toISOString();
  const calendar = await loadCalendar(trx);
  const existing = await trx
    .selectFrom("appUser")
    .select("id")
    .where("username", "=", "canbo.bct")
    .executeTakeFirst();
  if (existing) return;

  const codes = [
    ...new Set([
      ...USERS.map((user) => user.agency),
      ...[directive06()].flatMap((directive) => [
        directive.tracking,
        ...directive.tasks.flatMap((task) => [task.lead, ...(task.coordinators ?? [])]),
      ]),
    ]),
  ];
  const agencies = await trx
    .selectFrom("agency")
    .select(["id", "code"])
    .where("code", "in", codes)
    .execute();
  const agencyIds = new Map(agencies.map((agency) => [agency.code, agency.id]));
  const agencyId = (code: string): number => {
    const id = agencyIds.get(code);
    if (id === undefined) throw new Error(`Agency ${code} is missing: run seedReference first`);
    return id;
  };

  const userIds = new Map<Username, number>();
  for (const user of USERS) {
    const { id } = await trx
      .insertInto("appUser")
      .values({
        username: user.username,
        passwordHash: options.passwordHash,
        fullName: user.fullName,
        agencyId: agencyId(user.agency),
        role: user.role,
        totpSecret: user.role === "admin" ? (options.adminSecondFactorSecret ?? null) : null,
        // Demo addresses (a reserved domain): the digests fill the outbox, nothing can go out.
        email: user.role === "admin" ? null : `${user.username}@dondoc.example`,
        isActive: 1,
        createdAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    userIds.set(user.username, id);
  }
  const userId = (username: Username): number => {
    const id = userIds.get(username);
    if (id === undefined) throw new Error(`Demo user ${username} is missing`);
    return id;
  };

  await insertDirective(trx, directive06(), agencyId, userId, now);
  await seedDemoCurrent({
    trx,
    now: options.now,
    calendar,
    passwordHash: options.passwordHash,
    userId: (username) => {
      const id = userIds.get(username as Username);
      if (id === undefined) throw new Error(`Demo user ${username} is missing`);
      return id;
    },
  });
}
