/**
 * Vietnamese texts shared by the server and the browser: domain terms, validation and error
 * messages. The browser's own interface texts live in client/i18n/.
 */
export const vi = {
  language: { vi: "Tiếng Việt", en: "English" },
  status: {
    not_started: "Chưa thực hiện",
    in_progress: "Đang thực hiện",
    reported_done: "Chờ xác nhận hoàn thành",
    completed: "Đã hoàn thành",
    cancelled: "Đã hủy",
  },
  statusAction: {
    not_started: "Khôi phục",
    in_progress: "Đang thực hiện",
    reported_done: "Báo cáo hoàn thành",
    completed: "Xác nhận hoàn thành",
    cancelled: "Hủy nhiệm vụ",
    returned: "Trả lại",
  },
  timeliness: {
    completed_on_time: "Hoàn thành đúng hạn",
    completed_late: "Hoàn thành quá hạn",
    in_deadline: "Trong hạn",
    due_soon: "Sắp đến hạn",
    overdue: "Quá hạn",
    no_deadline: "Không thời hạn",
  },
  role: {
    officer: "Chuyên viên",
    leader: "Lãnh đạo",
    reporter: "Cán bộ báo cáo",
    admin: "Quản trị",
  },
  agencyKind: {
    ministry: "Bộ",
    ministry_level_agency: "Cơ quan ngang bộ",
    government_agency: "Cơ quan thuộc Chính phủ",
    state_group: "Tập đoàn, tổng công ty nhà nước",
    ministry_unit: "Đơn vị thuộc bộ",
    province: "Tỉnh, thành phố trực thuộc Trung ương",
    province_unit: "Sở, ngành địa phương",
  },
  directiveType: {
    chi_thi: "Chỉ thị",
    nghi_quyet: "Nghị quyết",
    quyet_dinh: "Quyết định",
    cong_dien: "Công điện",
    thong_bao_ket_luan: "Thông báo kết luận",
    cong_van: "Công văn",
  },
  event: {
    created: "Tạo nhiệm vụ",
    status: "Đổi trạng thái",
    progress: "Cập nhật tiến độ",
    deadline: "Đổi thời hạn",
    assignment: "Đổi cơ quan chủ trì, phối hợp",
    field: "Sửa thông tin",
    note: "Ghi chú",
  },
  validation: {
    required: "Vui lòng nhập thông tin này.",
    chooseOne: "Vui lòng chọn ít nhất một mục.",
    invalid: "Giá trị không hợp lệ.",
    invalidChoice: "Lựa chọn không hợp lệ.",
    invalidFormat: "Định dạng không hợp lệ.",
    invalidDate: "Ngày không hợp lệ (dd/mm/yyyy).",
    documentNumber: "Số, ký hiệu không đúng dạng, ví dụ 06/CT-TTg.",
    username: "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch.",
    coordinatorIsLead: "Cơ quan chủ trì không đồng thời là cơ quan phối hợp.",
    tooSmall: {
      string: "Cần ít nhất {{min}} ký tự.",
      number: "Giá trị nhỏ nhất là {{min}}.",
      array: "Cần ít nhất {{min}} mục.",
    },
    tooBig: {
      string: "Tối đa {{max}} ký tự.",
      number: "Giá trị lớn nhất là {{max}}.",
      array: "Tối đa {{max}} mục.",
    },
  },
  error: {
    badInput: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
    unauthenticated: "Vui lòng đăng nhập.",
    badCredentials: "Tên đăng nhập hoặc mật khẩu không đúng.",
    tooManyLogins: "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút.",
    forbidden: "Bạn không có quyền thực hiện thao tác này.",
    directiveNotFound: "Không tìm thấy văn bản số {{id}}.",
    taskNotFound: "Không tìm thấy nhiệm vụ số {{id}}.",
    agencyNotFound: "Không tìm thấy cơ quan số {{id}}.",
    agencyInactive: "Cơ quan “{{name}}” không còn tồn tại vào ngày {{date}}.",
    parentNotFound: "Không tìm thấy nhiệm vụ cha số {{id}} trong văn bản này.",
    directiveDuplicate:
      "Đã có $t(directiveType.{{type}}) số {{number}} của {{issuer}} năm {{year}}.",
    usernameTaken: "Tên đăng nhập “{{username}}” đã được dùng.",
    staleVersion:
      "Nhiệm vụ số {{id}} vừa được người khác cập nhật. Vui lòng tải lại để xem thay đổi rồi thử lại.",
    staleDirective: "Văn bản số {{id}} vừa được người khác cập nhật. Vui lòng tải lại rồi thử lại.",
    transitionNotAllowed:
      "Không thể chuyển nhiệm vụ từ “$t(status.{{from}})” sang “$t(status.{{to}})”.",
    transitionForbidden: "Bạn không có quyền chuyển nhiệm vụ sang “$t(status.{{to}})”.",
    noteRequired: "Vui lòng ghi lý do.",
    sameStatus: "Nhiệm vụ đã ở trạng thái “$t(status.{{status}})”.",
    progressClosed: "Không thể cập nhật tiến độ của nhiệm vụ ở trạng thái “$t(status.{{status}})”.",
    internal: "Đã có lỗi ở máy chủ. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị hệ thống.",
  },
} as const;

/** The shape every language must have: the same keys, any texts. */
type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
export type SharedTexts = Texts<typeof vi>;
