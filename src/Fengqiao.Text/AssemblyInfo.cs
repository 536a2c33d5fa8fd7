namespace Fengqiao.Text;
