namespace Fengqiao.Data;
