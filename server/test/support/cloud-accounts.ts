/** An Aliyun account for callback tests: its pushes are verified by `callbackToken` in the URL. */
export const ALIYUN_ACCOUNT = {
  endpoint: 'https://dysmsapi.aliyuncs.com',
  accessKeyId: 'LTAI5tExample',
  signName: '乐享商城',
  accessKeySecret: 'aliyun-secret-123',
  callbackToken: 'aliyun-token-123',
}

/** A Tencent Cloud account for callback tests: its pushes are verified by `callbackToken` in the URL. */
export const TENCENT_ACCOUNT = {
  endpoint: 'https://sms.tencentcloudapi.com',
  region: 'ap-guangzhou',
  secretId: 'AKIDExample',
  smsSdkAppId: '1400006666',
  signName: '乐享商城',
  secretKey: 'tencent-key-123',
  callbackToken: 'tencent-token-123',
}
